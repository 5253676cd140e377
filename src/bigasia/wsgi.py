import os
from wsgiref.types import WSGIApplication

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bigasia.settings.production")
application: WSGIApplication = get_wsgi_application()

if settings.EDGE_ENABLED:
    from bigasia.edge.wsgi import EdgeCache

    # Anonymous page views are answered from the edge cache before Django routes them.
    application = EdgeCache(application)

from bigasia.readership.front import BeaconFront  # noqa: E402  (needs the apps loaded)

# View beacons are answered before the page cache and Django: they are POSTs, never cached.
application = BeaconFront(application)

from bigasia.ops.front import OpsFront  # noqa: E402

# Outermost: health probes and /metrics never reach the beacons, the page cache or Django,
# and every other request is timed and gets its request id here.
application = OpsFront(application)
