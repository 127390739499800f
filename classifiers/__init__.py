"""Classifiers: findings to GDPR categories and articles, table columns, "about a person"."""
