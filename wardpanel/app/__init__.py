"""The wardpanel app: the only part of wardpanel that uses Textual and Rich."""
