import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bigasia.settings.production")
application = get_wsgi_application()

if settings.EDGE_ENABLED:
    from bigasia.edge.wsgi import EdgeCache

    # Anonymous page views are answered from the edge cache before Django routes them.
    application = EdgeCache(application)
