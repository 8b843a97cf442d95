"""Views of shared measurement, one module per subject."""
