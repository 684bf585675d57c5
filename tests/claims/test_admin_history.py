"""The admin shows the edit history but cannot change it, nor overwrite editors' fields silently."""

import pytest
from django.urls import reverse

from claims.editing import claim_update
from claims.models import Claim, ClaimRevision
from tests.factories import ClaimFactory, UserFactory


@pytest.fixture
def revised(editor) -> Claim:
    claim = ClaimFactory()
    claim_update(claim=claim, user=editor, expected_version=1, changes={"stance": "denies"})
    return claim


@pytest.mark.django_db
def test_admin_lists_revisions_but_cannot_change_or_delete_them(client, revised):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    revision = ClaimRevision.objects.get()

    assert client.get(reverse("admin:claims_claimrevision_changelist")).status_code == 200
    page = client.get(reverse("admin:claims_claimrevision_change", args=[revision.pk]))
    assert page.status_code == 200 and "denies" in page.content.decode()
    client.post(reverse("admin:claims_claimrevision_delete", args=[revision.pk]), {"post": "yes"})
    assert ClaimRevision.objects.filter(pk=revision.pk).exists()


@pytest.mark.django_db
def test_admin_claim_form_has_no_inputs_for_what_editors_correct(client, revised):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = client.get(reverse("admin:claims_claim_change", args=[revised.pk]))

    assert page.status_code == 200
    editable = set(page.context["adminform"].form.fields)
    assert editable.isdisjoint({"speaker", "via", "stance", "kind", "content_start", "content", "review_status"})
    assert "denies" in page.content.decode()  # shown, read-only
