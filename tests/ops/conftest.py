"""A scratch installation of the ops tests' own, one per run and without the demo (health,
metrics, logs and error reports need none): a worker heartbeat every half second and a
readiness limit of three seconds."""

import pytest

from tests.scratch import create_scratch_site

FAST_HEALTH = {"WORKER_HEARTBEAT_EVERY": "0.5", "READYZ_WORKER_MAX_AGE": "3"}


@pytest.fixture(scope="session")
def ops_site(tmp_path_factory):
    site, cleanup = create_scratch_site(tmp_path_factory.mktemp("ops-site"), demo=False)
    site.env.update(FAST_HEALTH)
    yield site
    site.stop_all()
    cleanup()
