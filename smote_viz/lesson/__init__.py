"""The guided lesson: eight chapters, each a question to predict, then the answer with its figure and numbers.

``chapters`` holds the content (questions, answers, explanations, links); ``views`` computes each chapter's
figures and numbers with the functions the other pages use; ``measures`` adds the few numbers no page computes.
"""
