"""Turn problems and figures into terminal text, JSON, CSV, Markdown, HTML, SVG, spreadsheets, CI formats."""
