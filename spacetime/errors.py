"""The two ways a run can fail: the user asked for something wrong, or a data file is wrong.

The CLI turns each into one line on stderr and an exit code (2 for usage, 1 for data)."""

from __future__ import annotations


class SpacetimeError(Exception):
    """Base of every error the tool reports to a user as one line."""

    exit_code = 1


class UsageError(SpacetimeError):
    """Bad input from the user: an unparsable date, an unknown name, a reversed range.

    `param`, when given, is the argument at fault as the library calls it ('within'), and the
    message names it so; a front end may name it its own way (`renamed`: the CLI's '--within')."""

    exit_code = 2

    def __init__(self, message: str, param: str | None = None):
        self.param = param
        super().__init__(message)

    def renamed(self, name: str) -> str:
        """The message with the argument called `name` instead of `param`."""
        text = str(self)
        if not self.param:
            return text
        import re

        return re.sub(rf"(?<![\w-]){re.escape(self.param)}(?![\w-])", lambda _: name, text)


class DatasetError(SpacetimeError):
    """A data file that cannot be used, located as precisely as we can: file, record, field."""

    exit_code = 1

    def __init__(self, file: str, reason: str, record: str | None = None, field: str | None = None):
        self.file, self.reason, self.record, self.field = file, reason, record, field
        super().__init__(self.line())

    def line(self) -> str:
        parts = [self.file]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(self.field)
        return ": ".join([*parts, self.reason])


class DatasetErrors(DatasetError):
    """Several problems found in one pass (validation reports them all)."""

    def __init__(self, problems: list[DatasetError]):
        self.problems = problems
        first = problems[0]
        super().__init__(first.file, first.reason, first.record, first.field)

    def line(self) -> str:
        more = len(self.problems) - 1
        text = DatasetError.line(self.problems[0]) if self.problems else ""
        return text + (f" (and {more} more problem{'s' if more > 1 else ''}; run 'spacetime validate')" if more else "")
