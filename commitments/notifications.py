"""Mail about the workflow, sent after the step's transaction has committed."""


def submitted(review_id):
    """Tell the reviewers that a commitment waits for their verdict."""


def decided(review_id):
    """Tell the owner that a commitment was decided or sent back."""
