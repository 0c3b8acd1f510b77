// Stand-in for YouTube's embedded player (www.youtube.com/embed/<video id>). The real player
// sets cookies on youtube.com from inside its frame (Google's "Types of cookies used by
// Google" and YouTube's embed documentation): YSC (session) and VISITOR_INFO1_LIVE (about 6
// months), used to measure views and for advertising — targeting.
(function () {
  var opts = '; Path=/; SameSite=None; Secure';
  document.cookie = 'YSC=' + Math.random().toString(36).slice(2, 13) + opts;
  document.cookie = 'VISITOR_INFO1_LIVE=' + Math.random().toString(36).slice(2, 13) + opts + '; Max-Age=15552000';
  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('embedded').textContent = 'YouTube video ' + location.pathname.split('/').pop() + ' (stand-in player)';
  });
})();
