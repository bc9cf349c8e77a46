"""The public portal: readable without signing in. Articles arrive with the emulation-cycle work."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tdkt.org.models import Province


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/index.html", {"province": Province.objects.first()})
