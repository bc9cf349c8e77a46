"""The meetings endpoints of the API: thin wrappers over services and queries."""

from ninja import Router

router = Router(tags=["meetings"])
