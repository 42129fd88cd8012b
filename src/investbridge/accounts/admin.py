from django.contrib import admin

from investbridge.accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "full_name", "role", "organization", "language", "is_active")
    list_filter = ("role", "language", "is_active")
    search_fields = ("email", "full_name")
