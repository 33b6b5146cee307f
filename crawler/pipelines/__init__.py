"""Item pipelines: thin adapters, one concern per module, each built by ``from_crawler``."""
