// تحرير المقال on a reader's article page, for signed-in staff who may edit it, without making the
// cached page per-user: the page's bytes are the same for everyone, and this script (part of the
// page's inline script) asks /api/newsroom/edit-link/<id> — only in a browser that has been in the
// newsroom (the STAFF_HINT_COOKIE, set by the newsroom's pages), so readers make no extra request.
// The hint is not a credential: the answer depends on the session alone.

export const STAFF_HINT_COOKIE = 'newsroom-staff';

// Plain ES2017 with no imports, like the page's own script.
export const STAFF_EDIT_LINK_SCRIPT = `(function () {
  if (document.cookie.split('; ').indexOf('${STAFF_HINT_COOKIE}=1') < 0) return;
  var article = document.querySelector('article[data-article-id]');
  if (!article) return;
  fetch('/api/newsroom/edit-link/' + article.getAttribute('data-article-id'), { credentials: 'same-origin', cache: 'no-store' })
    .then(function (r) { return r.status === 200 ? r.json() : null; })
    .then(function (data) {
      if (!data || typeof data.href !== 'string' || data.href.charAt(0) !== '/' || data.href.charAt(1) === '/') return;
      var link = document.createElement('a');
      link.href = data.href;
      link.textContent = 'تحرير المقال';
      var line = document.createElement('p');
      line.className = 'staff-edit';
      line.appendChild(link);
      article.insertBefore(line, article.firstChild);
    })
    .catch(function () {});
})();`;
