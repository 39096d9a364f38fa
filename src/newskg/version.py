"""newskg's version, at the bottom of the layers: the build records it and the report names it."""

__version__ = "0.1.0"
