"""Sent when `bigasia demo` (DemoLoader.load) has finished, so other apps can add their demo
data (e.g. readership gives the seed story its historic view count)."""

from django.dispatch import Signal

# Sent with seed=<the Russian seed ArticlePage>.
demo_loaded = Signal()
