"""Shared pydantic configuration and field types."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints


class Strict(BaseModel):
    """Base of every registry model: unknown keys are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=False)


NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^\S(.*\S)?$")]
