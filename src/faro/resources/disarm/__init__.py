"""DISARM technique ids and names (CC BY-SA 4.0, DISARM Foundation): see techniques.tsv."""
