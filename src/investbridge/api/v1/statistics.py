"""/api/v1/statistics/: the registry report (officers and administrators; token or session)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from investbridge.api.fields import DateField
from investbridge.api.permissions import IsOfficer
from investbridge.core.dates import validate_period
from investbridge.statistics import services


class ReportQuerySerializer(serializers.Serializer):
    # "from" is a Python keyword: the fields are declared under other names and mapped below.
    foreign_capital = serializers.BooleanField(required=False, default=False)
    country = serializers.CharField(required=False, allow_blank=True, min_length=2, max_length=2)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = DateField(help_text=_("First day of the period (YYYY-MM-DD)."))
        fields["to"] = DateField(help_text=_("Last day of the period (YYYY-MM-DD)."))
        return fields

    def validate_country(self, value: str) -> str:
        from investbridge.statistics.engine.reader import country_codes

        code = value.upper()
        if code and code not in country_codes():
            raise serializers.ValidationError(
                _("Unknown ISO 3166-1 country code: %(value)s.") % {"value": value}
            )
        return code

    def validate(self, attrs: dict) -> dict:
        if attrs["to"] < attrs["from"]:
            raise serializers.ValidationError({"to": [_("The end of the period is earlier than its start.")]})
        try:
            validate_period(attrs["from"], attrs["to"])
        except DjangoValidationError as error:
            raise serializers.ValidationError({"to": error.messages}) from error
        return attrs


class MonthSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    count = serializers.IntegerField()
    cumulative = serializers.IntegerField(help_text=_("Year-to-date total (restarts every January)."))


class ReportSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    previous_count = serializers.IntegerField()
    yoy_change_pct = serializers.FloatField(allow_null=True)
    by_month = MonthSerializer(many=True)
    by_country = serializers.DictField(child=serializers.IntegerField())
    by_district = serializers.DictField(child=serializers.IntegerField())
    by_industry = serializers.DictField(child=serializers.IntegerField())

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        return {"from": serializers.DateField(), "to": serializers.DateField(), **fields}


class ReportView(APIView):
    """New registered entities in a period against the same period a year earlier, with breakdowns."""

    permission_classes = [IsOfficer]

    @extend_schema(
        operation_id="statistics_report",
        parameters=[ReportQuerySerializer],
        responses={200: ReportSerializer},
        tags=["statistics"],
    )
    def get(self, request: Request) -> Response:
        query = ReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        report = services.registry_report(
            date_from=data["from"],
            date_to=data["to"],
            foreign_capital=data["foreign_capital"],
            country=data.get("country") or None,
        )
        return Response(report.contract())


urlpatterns = [path("statistics/report", ReportView.as_view(), name="statistics-report")]
