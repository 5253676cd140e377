"""Site-wide figures read at scrape time from the database and the task queue."""

from collections.abc import Iterator

from django.db.models import Count
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from . import readiness


class SiteCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        queue = readiness.queue()
        depth = GaugeMetricFamily("bigasia_task_queue_depth", "Tasks waiting to run.")
        depth.add_metric([], queue["depth"])
        yield depth
        age = GaugeMetricFamily(
            "bigasia_task_queue_oldest_age_seconds", "Age of the oldest waiting task."
        )
        age.add_metric([], queue["oldest_age_seconds"] or 0)
        yield age
        yield self.deliveries()
        beat = readiness.worker()["heartbeat_age_seconds"]
        heartbeat = GaugeMetricFamily(
            "bigasia_worker_heartbeat_age_seconds", "Age of the newest worker heartbeat."
        )
        heartbeat.add_metric([], beat if beat is not None else float("inf"))
        yield heartbeat

    @staticmethod
    def deliveries() -> GaugeMetricFamily:
        from bigasia.newsletters.models import Delivery

        family = GaugeMetricFamily(
            "bigasia_newsletter_deliveries", "Newsletter deliveries by state.", labels=["state"]
        )
        by_state = Delivery.objects.order_by().values("status").annotate(n=Count("pk"))
        counted = dict(by_state.values_list("status", "n"))
        for state in Delivery.Status.values:
            family.add_metric([state], counted.get(state, 0))
        return family
