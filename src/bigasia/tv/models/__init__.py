"""Big Asia TV: the TV index, programmes, episodes with their stories, videos and air times."""

from .captions import EpisodeCaptions
from .pages import EpisodePage, ProgrammePage, TvIndexPage
from .schedule import AirTime
from .video import Video

__all__ = ["AirTime", "EpisodeCaptions", "EpisodePage", "ProgrammePage", "TvIndexPage", "Video"]
