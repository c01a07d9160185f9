from fastapi import APIRouter
from fastapi.responses import Response

from app.deps import SessionDep
from app.exports import node_link
from app.exports.header import export_header
from app.graph import build_graph

router = APIRouter()


@router.get("/export/graph.json", tags=["exports"])
def graph_json(session: SessionDep) -> Response:
    body = node_link.render(build_graph(session), export_header(session))
    return Response(body, media_type=node_link.MEDIA_TYPE)
