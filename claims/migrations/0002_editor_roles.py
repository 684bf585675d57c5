"""The roles: Django groups `analyst`, `editor`, `admin` with their model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ANALYST_VIEW = [
    ("claims", "view_claim"),
    ("claims", "view_claimlink"),
    ("claims", "view_claimrevision"),
    ("claims", "view_actor"),
    ("claims", "view_actoralias"),
    ("claims", "view_actormerge"),
    ("claims", "view_story"),
    ("claims", "view_claimentity"),
    ("articles", "view_article"),
    ("articles", "view_outlet"),
    ("articles", "view_feed"),
]
EDITOR_EXTRA = [
    ("claims", "add_claim"),
    ("claims", "change_claim"),
    ("claims", "add_claimlink"),
    ("claims", "change_claimlink"),
    ("claims", "add_actor"),
    ("claims", "change_actor"),
    ("claims", "add_actoralias"),
    ("claims", "change_actoralias"),
    ("claims", "delete_actoralias"),
    ("claims", "add_actormerge"),
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; roles need them now.
    for app_label in ("auth", "articles", "claims"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        query = Permission.objects.none()
        for app_label, codename in pairs:
            query |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        return list(query)

    analyst, _ = Group.objects.get_or_create(name="analyst")
    analyst.permissions.set(permissions(ANALYST_VIEW))
    editor, _ = Group.objects.get_or_create(name="editor")
    editor.permissions.set(permissions(ANALYST_VIEW + EDITOR_EXTRA))
    admin, _ = Group.objects.get_or_create(name="admin")
    admin.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "claims", "auth"])
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["analyst", "editor", "admin"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
