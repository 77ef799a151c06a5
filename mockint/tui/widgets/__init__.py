"""Widgets of the interview TUI. User text is shown as ``rich.text.Text``, never as markup."""
