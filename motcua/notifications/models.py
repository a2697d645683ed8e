"""Outbox models."""
