"""A URL configuration for tests/api/test_errors.py: views that fail in each way the error format covers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import path
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from investbridge.api.permissions import IsOfficer, Public


class OfficersOnly(APIView):
    permission_classes = [IsOfficer]

    def get(self, request):
        return Response({"ok": True})


class Missing(APIView):
    permission_classes = [Public]

    def get(self, request):
        raise Http404("No such organization")


class ServiceRefuses(APIView):
    permission_classes = [Public]

    def get(self, request):
        raise PermissionDenied


class ServiceRejectsInput(APIView):
    permission_classes = [Public]

    def post(self, request):
        raise ValidationError({"time_zone": ["Unknown time zone."]})


class _Contact(serializers.Serializer):
    email = serializers.EmailField()


class _Payload(serializers.Serializer):
    name = serializers.CharField()
    contacts = _Contact(many=True)


class Validates(APIView):
    permission_classes = [Public]

    def post(self, request):
        _Payload(data=request.data).is_valid(raise_exception=True)
        return Response({})


urlpatterns = [
    path("officers-only", OfficersOnly.as_view()),
    path("missing", Missing.as_view()),
    path("service-refuses", ServiceRefuses.as_view()),
    path("service-rejects-input", ServiceRejectsInput.as_view()),
    path("validates", Validates.as_view()),
]
