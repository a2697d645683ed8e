"""Procedure catalogue models."""
