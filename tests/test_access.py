"""The UI's access rules: every action has a rule, and the rule is the action's."""

import pytest
from django.contrib.auth.models import AnonymousUser

from claims_tracker.access import Action, user_may


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(Action))
def test_every_action_has_a_rule_that_lets_editors_only(action, editor, analyst):
    assert user_may(editor, action)
    assert not user_may(analyst, action)
    assert not user_may(AnonymousUser(), action)
