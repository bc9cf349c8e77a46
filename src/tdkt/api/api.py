"""The REST API (django-ninja, OpenAPI at /api/v1/docs). Each app contributes a router over its services.

Authentication is the Django session (with CSRF for writes), so the browser, HTMX and scripts share one model
of who the user is. Errors have one shape: ``{"detail": "<Vietnamese message>", "errors": {...}}``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import SessionAuth

from tdkt.awards.api import router as awards_router
from tdkt.ballots.api import router as ballots_router
from tdkt.emulation.api import router as emulation_router
from tdkt.meetings.api import router as meetings_router
from tdkt.portal.api import router as portal_router
from tdkt.reports.api import router as reports_router
from tdkt.scoring.api import router as scoring_router

api = NinjaAPI(
    title="TĐKT API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    auth=SessionAuth(),  # checks the CSRF token on unsafe methods
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc) or "Bạn không có quyền thực hiện thao tác này."}, status=403
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    detail = "; ".join(message for messages in errors.values() for message in messages)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


api.add_router("/emulation/", emulation_router)
api.add_router("/scoring/", scoring_router)
api.add_router("/reports/", reports_router)
api.add_router("/meetings/", meetings_router)
api.add_router("/portal/", portal_router)
api.add_router("/ballots/", ballots_router)
api.add_router("/awards/", awards_router)
