"""How much CPU a background worker may take from app servers on the same host.

Set once at worker start, before any thread exists, so the scheduler thread and every job
inherit it (Linux applies nice values and scheduling policies per thread).

- ``idle`` (default): SCHED_IDLE. The worker runs only on CPU the app servers leave free and
  is preempted as soon as a request wakes: a refresh of 1,000 feeds by four workers moved the
  article page's p99 by a median 5% at this setting against 8% at ``low``
  (docs/benchmarks.md). The price: while the CPU stays saturated the worker all but stops
  (the beacon bench's view moves waited for the load to end), and catches up when it eases;
  nothing is lost, it is late.
- ``low``: nice 10. Under contention the worker keeps about a tenth of a core, so periodic
  jobs (moving view counts, scheduled publishing) go on during a traffic spike.
- ``normal``: no change; for a host that runs only workers.
"""

import os

LOW_NICE = 10


def lower_cpu_priority(priority: str) -> None:
    """Apply WORKER_CPU_PRIORITY to the calling thread and the threads it starts later.

    The settings checked the value against `bigasia.settings.env.CPU_PRIORITIES`."""
    if priority == "idle":
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    elif priority == "low":
        # Absolute, not os.nice()'s relative step: a worker started from an already niced
        # shell should end up at the same level as one started by systemd.
        os.setpriority(os.PRIO_PROCESS, 0, max(LOW_NICE, os.getpriority(os.PRIO_PROCESS, 0)))
