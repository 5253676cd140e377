"""A reader page as the test client gets it, parsed."""

from bs4 import BeautifulSoup


def soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")
