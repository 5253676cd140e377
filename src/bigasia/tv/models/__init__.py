"""Big Asia TV: the TV index, programmes, episodes with their stories, videos and air times."""

from .pages import EpisodePage, ProgrammePage, TvIndexPage
from .schedule import AirTime
from .video import Video

__all__ = ["AirTime", "EpisodePage", "ProgrammePage", "TvIndexPage", "Video"]
