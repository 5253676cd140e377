"""Bot detection from maintained user-agent lists on PyPI, never a hand-written regex.

Two lists, because each catches agents the other misses: `crawlerdetect` (the JayBizzle
CrawlerDetect patterns) and `crawler-user-agents` (the monperrus list, with sample agents).
"""

from functools import lru_cache

import crawleruseragents
from crawlerdetect import CrawlerDetect

_crawler_detect = CrawlerDetect()


@lru_cache(maxsize=8192)  # readers share few distinct agents: most checks are a dict lookup
def is_bot(user_agent: str) -> bool:
    """True for crawlers, spiders, monitors, link previewers and agentless requests."""
    agent = user_agent.strip()
    if not agent:
        return True
    return bool(_crawler_detect.is_crawler(agent) or crawleruseragents.is_crawler(agent))
