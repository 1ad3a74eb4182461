"""Plans, tasks, results, signers, report periods, deadlines: the values every other part passes around.

Imports nothing of ours but `pipeline.vietnamese`."""
