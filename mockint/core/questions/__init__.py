"""The question model: banks, their example answers, the guide's facts. Scoring reads it; nothing here scores."""
