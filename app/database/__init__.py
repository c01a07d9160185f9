"""The system of record: the tables and the engine."""
