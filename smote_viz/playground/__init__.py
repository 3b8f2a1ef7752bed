"""The Playground: its points and edits, the live run, its words, its figure and its Streamlit module."""
