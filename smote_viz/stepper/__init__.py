"""Step through SMOTE: settings, narration, predict-first questions, figures and the stepper's Streamlit module."""
