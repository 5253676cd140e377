class FetchError(Exception):
    """A feed could not be fetched or parsed; `reason` is a short code kept on the source."""

    def __init__(self, reason: str, detail: str, retry_after: int | None = None) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.retry_after = retry_after
