"""Acknowledgements: who has read and accepted which version of the manual, against the staff list.

The pure core: ``versions`` (which versions ask everyone to accept again), ``ledger`` and ``roster`` (reading
form exports and HR's staff list into plain records), ``status`` (joining them). The edges: ``private`` (the
folder that holds personal data, never in git or the site), ``report`` and ``remind`` (writers), the CLI.
"""
