from commitments import permissions


def import_commitments(request):
    permissions.require(permissions.can_import(request.user))
    raise NotImplementedError("bulk import (issue 5)")
