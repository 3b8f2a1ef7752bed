"""Plotly figure builders: pure functions that return ``go.Figure`` so tests can read every trace."""
