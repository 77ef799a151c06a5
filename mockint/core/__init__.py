"""The pure core: banks, rubrics, text, matching, scoring, reports. Never imports Textual."""
