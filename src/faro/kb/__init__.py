"""The knowledge base: fact-checks and known narratives, their importers and the demo set."""
