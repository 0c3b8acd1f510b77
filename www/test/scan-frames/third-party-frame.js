// What the cross-site frame keeps.
localStorage.setItem('third_party_frame_key', '1');
