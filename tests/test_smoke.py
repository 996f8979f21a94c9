def test_register_renders(client_for, alice, commitment):
    response = client_for(alice).get("/commitments/")
    assert response.status_code == 200
    assert commitment.reference.encode() in response.content
    response = client_for(alice).get(f"/commitments/{commitment.reference}/")
    assert response.status_code == 200
