"""What every result about one listed entity answers (a name match, a security match)."""

from __future__ import annotations

from screening.model import Entity


class EntityResult:
    """The listed entity's id, name, source and programs, read from the result's ``entity``."""

    __slots__ = ()
    entity: Entity

    @property
    def entity_id(self) -> str:
        return self.entity.entity_id

    @property
    def listed_name(self) -> str:
        return self.entity.name

    @property
    def source(self) -> str:
        return self.entity.source

    @property
    def programs(self) -> tuple[str, ...]:
        return self.entity.programs
