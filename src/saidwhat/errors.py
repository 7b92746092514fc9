"""The one error hierarchy of saidwhat.

    SaidwhatError            anything saidwhat reports on purpose
     +-- InputError          the input cannot be read as an article (empty, binary, too big, ...)
     +-- ModelError          the spaCy model is missing or unusable
     +-- StoreError          the database cannot be opened, migrated or written
     +-- ConfigError         a setting has an invalid value

Third-party errors are translated into these at the boundary, so the CLI can print
one line and exit non-zero, and the web app can answer with the right status code.
"""


class SaidwhatError(Exception):
    """Base class: a problem saidwhat explains to its user."""


class InputError(SaidwhatError):
    """The input cannot be processed as an article."""


class ModelError(SaidwhatError):
    """The NLP model cannot be loaded."""


class StoreError(SaidwhatError):
    """The store cannot be opened, migrated, read or written."""


class ConfigError(SaidwhatError):
    """A setting has an invalid value."""
