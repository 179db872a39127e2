"""Loading and checking schema documents."""
