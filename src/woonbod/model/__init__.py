"""The bid file and the round file as typed models, their values, the provinces and the JSON Schema."""
