"""The database's choices and the engine's enums are one definition: every value the engine can
give is a valid choice, and no choice exists that the engine does not know."""

import pytest

from claims.extraction import types as engine
from claims.models import Actor, Claim


def _constants(enum: type) -> dict[str, str]:
    return {name: value for name, value in vars(enum).items() if name.isupper()}


@pytest.mark.parametrize(
    ("engine_enum", "choices"),
    [(engine.Kind, Claim.Kind), (engine.Stance, Claim.Stance), (engine.ActorKind, Actor.Kind)],
)
def test_model_choices_are_the_engines_values(engine_enum, choices):
    assert _constants(engine_enum) == {member.name: member.value for member in choices}
