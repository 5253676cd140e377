from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicJob(models.Model):
    """When a periodic job is next due. Rows are claimed by a conditional update (see periodic)."""

    name = models.CharField(_("name"), max_length=200, primary_key=True)
    next_run_at = models.DateTimeField(_("next run at"))
    last_enqueued_at = models.DateTimeField(_("last enqueued at"), null=True, blank=True)
    # Written by the worker when a run ends (core/heartbeat.py): /readyz tells a job that
    # keeps up from one whose runs were enqueued and never finished.
    last_finished_at = models.DateTimeField(_("last finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name


class WorkerBeat(models.Model):
    """A running `bigasia worker`: when it last said it was alive and when its periodic
    scheduler last ticked without error (written every WORKER_HEARTBEAT_EVERY seconds)."""

    worker = models.CharField(_("worker"), max_length=200, primary_key=True)
    beat_at = models.DateTimeField(_("last heartbeat"), db_index=True)
    ticked_at = models.DateTimeField(_("last scheduler tick"), null=True, blank=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker
