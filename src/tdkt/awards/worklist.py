"""What commendation asks of each user (filled in with the proposals)."""
